// The first AWS provider version that accepts a value or offers an attribute the modules use, each with its source.
// A module whose required_providers allows an older provider plans fine for nobody who pins that low.

interface ValueFeature {
  readonly kind: 'value';
  readonly resource: string;
  readonly argument: string;
  readonly value: string;
  readonly since: string;
  readonly source: string;
}

interface AttributeFeature {
  readonly kind: 'attribute';
  readonly dataSource: string;
  readonly attribute: string;
  readonly since: string;
  readonly source: string;
}

type ProviderFeature = ValueFeature | AttributeFeature;

const PROVIDER_FEATURES: readonly ProviderFeature[] = [
  {
    kind: 'value',
    resource: 'aws_lambda_function',
    argument: 'runtime',
    value: 'nodejs24.x',
    since: '6.19.0',
    // The provider validates runtime against the SDK's enum, which gained nodejs24.x in aws-sdk-go-v2 2025-10-23.
    source: 'terraform-provider-aws CHANGELOG 6.19.0, https://github.com/hashicorp/terraform-provider-aws/pull/45024 (issue #44986)',
  },
  {
    kind: 'attribute',
    dataSource: 'aws_region',
    attribute: 'region',
    since: '6.0.0',
    source: 'terraform-provider-aws 6.0.0, data-source/aws_region: region replaces the deprecated name, https://github.com/hashicorp/terraform-provider-aws/pull/42131',
  },
];

export { PROVIDER_FEATURES, type AttributeFeature, type ProviderFeature, type ValueFeature };
