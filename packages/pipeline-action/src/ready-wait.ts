import { GetDeploymentCommand, type CodeDeployClient, type ECSTarget } from '@aws-sdk/client-codedeploy';

/** When the deployment became ready: when its last lifecycle event so far ended, else now. */
const readySince = (target: ECSTarget): Date => {
  const ends = (target.lifecycleEvents ?? []).flatMap((event) => (event.status === 'Succeeded' && event.endTime !== undefined ? [event.endTime.getTime()] : []));
  return new Date(ends.length === 0 ? Date.now() : Math.max(...ends));
};

/** The ready wait of the deployment group (DeploymentReadyOption), or undefined when it cannot be read. */
const readyWaitMinutes = async (client: CodeDeployClient, deploymentId: string, signal: AbortSignal): Promise<number | undefined> => {
  try {
    const { deploymentInfo } = await client.send(new GetDeploymentCommand({ deploymentId }), { abortSignal: signal });
    return deploymentInfo?.blueGreenDeploymentConfiguration?.deploymentReadyOption?.waitTimeInMinutes;
  } catch {
    // Enrichment: without codedeploy:GetDeployment the note goes without its deadline.
    return undefined;
  }
};

/**
 * What a deployment parked Ready (deploymentReadyOption STOP_DEPLOYMENT) waits for, until when, and how to continue
 * it: production traffic stays on the original task set until someone does.
 */
const readyWaitNote = async (client: CodeDeployClient, deploymentId: string, target: ECSTarget, signal: AbortSignal): Promise<string> => {
  const minutes = await readyWaitMinutes(client, deploymentId, signal);
  const deadline =
    minutes === undefined
      ? ''
      : ` CodeDeploy stops it if nobody continues it by about ${new Date(readySince(target).getTime() + minutes * 60_000).toISOString().slice(0, 16)}Z (${minutes} minutes after it became ready).`;
  return (
    `  deployment ${deploymentId} is Ready and waits for someone to continue it: production traffic stays on the original ` +
    `task set until then.${deadline} Continue it with \`aws deploy continue-deployment --deployment-id ${deploymentId} ` +
    '--deployment-wait-type READY_WAIT` (or Reroute traffic in the CodeDeploy console); cancelling the workflow rolls it back.'
  );
};

export { readyWaitNote };
