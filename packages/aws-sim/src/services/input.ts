import { validationError, type AwsServiceError } from '../errors.js';

type Input = Readonly<Record<string, unknown>>;

const constraintError = (value: unknown, member: string, constraint: string): AwsServiceError =>
  validationError(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`);

const requiredString = (input: Input, member: string): string => {
  const value = input[member];
  if (typeof value !== 'string' || value === '') {
    throw constraintError(value, member, 'Member must not be null');
  }
  return value;
};

const optionalString = (input: Input, member: string): string | undefined => {
  const value = input[member];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw constraintError(value, member, 'Member must be a string');
  }
  return value;
};

const optionalNumber = (input: Input, member: string, min: number, max: number): number | undefined => {
  const raw = input[member];
  if (raw === undefined || raw === null) {
    return undefined;
  }
  const value = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw constraintError(raw, member, `Member must have value between ${min} and ${max} inclusive`);
  }
  return value;
};

const optionalBoolean = (input: Input, member: string): boolean | undefined => {
  const value = input[member];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  throw constraintError(value, member, 'Member must be a boolean');
};

const optionalList = (input: Input, member: string): readonly unknown[] | undefined => {
  const value = input[member];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw constraintError(value, member, 'Member must be a list');
  }
  return value as unknown[];
};

const optionalObject = (input: Input, member: string): Input | undefined => {
  const value = input[member];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw constraintError(value, member, 'Member must be a structure');
  }
  return value as Input;
};

const stringList = (input: Input, member: string): string[] =>
  (optionalList(input, member) ?? []).map((item, index) => {
    if (typeof item !== 'string') {
      throw constraintError(item, `${member}.${index + 1}.member`, 'Member must be a string');
    }
    return item;
  });

export { constraintError, optionalBoolean, optionalList, optionalNumber, optionalObject, optionalString, requiredString, stringList };
export type { Input };
