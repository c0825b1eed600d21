import { refersTo } from './values.js';
import { statementsOf } from './policy-documents.js';
import type { PolicyHit, PolicyRule } from './policy-rule.js';
import { SOURCE_KEYS, trustSource, type RoleUse } from './service-trust-sources.js';

const serviceSourceKeys: PolicyRule = {
  id: 'GL_TRUST_SOURCE_KEYS',
  mirrors: "prowler iam_role_cross_service_confused_deputy_prevention, limited to the keys each AWS service's guide documents",
  title: 'Service trust policies use exactly the source keys the service documents sending',
  waivable: true,
  async check(context) {
    const executionRoles = context
      .resources('aws_ecs_task_definition')
      .map((definition) => definition.body.execution_role_arn);
    const hits: PolicyHit[] = [];
    for (const role of context.resources('aws_iam_role')) {
      const address = role.labels.join('.');
      const use: RoleUse = executionRoles.some((arn) => refersTo(arn, address)) ? 'ecs-task-execution' : 'any';
      const statements = (await statementsOf(context.module, context.values, role.body.assume_role_policy)) ?? [];
      for (const statement of statements.filter((candidate) => candidate.effect === 'Allow')) {
        const used = SOURCE_KEYS.filter((key) => statement.conditions.some((condition) => condition.variable.toLowerCase() === key.toLowerCase()));
        const services = statement.principals.filter((principal) => principal.type === 'Service').flatMap((principal) => principal.identifiers);
        for (const service of services) {
          const documented = trustSource(service, use);
          const undocumented = used.filter((key) => !documented?.keys.includes(key));
          const where = use === 'ecs-task-execution' ? `${service} (as the task execution role)` : service;
          if (undocumented.length > 0) {
            const source = documented ? `its guide does not document sending it (${documented.source})` : 'no source in this checker says it sends it';
            hits.push({ block: role, member: 'assume_role_policy', message: `${address}: trust of ${where} requires ${undocumented.join(', ')}, but ${source}: a key the service does not send makes the role unassumable; drop the condition` });
          } else if (documented && documented.keys.length > 0 && used.length === 0) {
            hits.push({ block: role, member: 'assume_role_policy', message: `${address}: trust of ${where} has no ${documented.keys.join(' or ')} condition, which the service documents as its confused-deputy guard (${documented.source})` });
          }
        }
      }
    }
    return hits;
  },
};

const trustRules: readonly PolicyRule[] = [serviceSourceKeys];

export { trustRules };
