// Ids of the findings that are not security policies (those carry checkov/trivy ids, see policy/).
const RULE = {
  syntax: 'syntax',
  fmt: 'fmt',
  docs: 'docs',
  waiverReason: 'waiver/reason',
  waiverUnused: 'waiver/unused',
  unknownType: 'validate/unknown-type',
  unknownArgument: 'validate/unknown-argument',
  missingRequired: 'validate/missing-required',
  duplicate: 'validate/duplicate',
  undocumentedVariable: 'validate/undocumented',
  tooManyBlocks: 'validate/too-many-blocks',
  blockVsArgument: 'validate/block-vs-argument',
  readOnlyArgument: 'validate/read-only-argument',
  dynamicBlock: 'validate/dynamic-block',
  lifecycle: 'validate/lifecycle',
  undeclaredReference: 'validate/undeclared-reference',
  validationReference: 'validate/validation-reference',
  unknownAttribute: 'validate/unknown-attribute',
  moduleInput: 'validate/module-input',
  moduleOutput: 'validate/module-output',
  moduleSource: 'validate/module-source',
  missingFile: 'validate/missing-file',
  providerVersion: 'validate/provider-version',
  moved: 'validate/moved',
} as const;

export { RULE };
