import { ACTION_OUTCOME } from '../../scenario.js';
import { actionSeconds } from '../run-order.js';
import { completeAction, type ActionRunner } from './action-runner.js';

/** An action of a provider the simulator does not model (Manual, Lambda, ...): it takes its duration and ends as scripted. */
const runTimedAction: ActionRunner = async (run, execution, { clock }) => {
  await clock.sleep(actionSeconds(run.action), execution.abandon.signal);
  completeAction(run, clock.now(), run.action.outcome ?? ACTION_OUTCOME.Succeeded, run.action.errorDetails);
};

export { runTimedAction };
