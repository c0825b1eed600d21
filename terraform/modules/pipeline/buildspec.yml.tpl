version: 0.2

# Rendered by Terraform (templatefile). Builds the image of the commit the pipeline runs, pushes it to
# ${repository_url} only, and writes the artifacts of both deploy actions: imageDetail.json, taskdef.json and
# appspec.yaml for CodeDeployToECS, imagedefinitions.json for the ECS deploy action.
# Every command is a literal block holding one shell command, so its exit status fails the phase.
env:
  shell: bash
  exported-variables:
    - IMAGE_URI

phases:
  pre_build:
    on-failure: ABORT
    commands:
      - |
        test -n "$CODEBUILD_RESOLVED_SOURCE_VERSION" || { echo "CODEBUILD_RESOLVED_SOURCE_VERSION is empty: start the pipeline from its source action so the build knows its commit." >&2; exit 1; }
      - |
        export IMAGE_TAG="$CODEBUILD_RESOLVED_SOURCE_VERSION" IMAGE_URI="${repository_url}:$CODEBUILD_RESOLVED_SOURCE_VERSION"
      - |
        aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "${registry}"
  build:
    on-failure: ABORT
    commands:
      # Tags are immutable: a commit already built (a re-run, or a rollback to it) is deployed as it was pushed.
      - |
        if aws ecr describe-images --repository-name "${repository_name}" --image-ids imageTag="$IMAGE_TAG" > /dev/null 2>&1; then
          echo "Image $IMAGE_URI already exists; deploying it unchanged."
        else
          docker build --pull \
            --label "org.opencontainers.image.revision=$CODEBUILD_RESOLVED_SOURCE_VERSION" \
            --label "greenlight.pipeline-execution-id=$PIPELINE_EXECUTION_ID" \
            --file "${dockerfile}" \
            --tag "$IMAGE_URI" \
            "${build_context}" && docker push "$IMAGE_URI"
        fi
  post_build:
    commands:
      - |
        printf '{"ImageURI":"%s"}\n' "$IMAGE_URI" > imageDetail.json
      - |
        printf '[{"name":"%s","imageUri":"%s"}]\n' "${container_name}" "$IMAGE_URI" > imagedefinitions.json
      - |
        echo '${taskdef_base64}' | base64 -d > taskdef.json
      - |
        echo '${appspec_base64}' | base64 -d > appspec.yaml

artifacts:
  files:
    - imageDetail.json
    - imagedefinitions.json
    - taskdef.json
    - appspec.yaml
