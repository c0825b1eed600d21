import { ListServiceDeploymentsCommand, type ECSClient, type ServiceDeploymentBrief } from '@aws-sdk/client-ecs';

/** Where an ECS deploy action deploys, from its configuration. */
interface EcsDeployTarget {
  readonly cluster: string;
  readonly service: string;
}

// Bounds the listing: a service has few deployments created after one action started.
const MAX_PAGES = 10;

const ecsDeployTarget = (configuration: Readonly<Record<string, string>> | undefined): EcsDeployTarget | undefined => {
  const cluster = configuration?.['ClusterName'];
  const service = configuration?.['ServiceName'];
  return cluster === undefined || service === undefined || cluster === '' || service === '' ? undefined : { cluster, service };
};

/**
 * The service deployment an ECS deploy action started: of the service's deployments created after the action
 * started (ListServiceDeployments, every page), the earliest, since a later one was started by someone else.
 * CodePipeline does not document naming the deployment in the action's output, so it is found this way.
 */
const findServiceDeployment = async (
  client: ECSClient,
  target: EcsDeployTarget,
  createdAfter: Date,
  signal: AbortSignal,
): Promise<ServiceDeploymentBrief | undefined> => {
  const found: ServiceDeploymentBrief[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(
      new ListServiceDeploymentsCommand({
        cluster: target.cluster,
        service: target.service,
        createdAt: { after: createdAfter },
        ...(nextToken === undefined ? {} : { nextToken }),
      }),
      { abortSignal: signal },
    );
    found.push(...(page.serviceDeployments ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined && ++pages < MAX_PAGES);
  return found
    .filter((brief) => brief.serviceDeploymentArn !== undefined)
    .sort((left, right) => (left.createdAt?.getTime() ?? 0) - (right.createdAt?.getTime() ?? 0))[0];
};

export { ecsDeployTarget, findServiceDeployment };
export type { EcsDeployTarget };
