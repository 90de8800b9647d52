// From layers to the effective configuration, validating after each layer so an error names the layer that caused it.
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error';
import { isPlainObject, mergeLayer } from './merge-layers';
import { KioskConfig } from './schema';

export interface ConfigLayer {
  /** Named in errors: a file path, or a label such as "central overrides". */
  source: string;
  /** The parsed JSON document; validated here, so anything may come in. */
  data: unknown;
}

/** "required" reads better than zod's "expected string, received undefined" for a field the file left out. */
function missingFieldMessage(issue: z.core.$ZodRawIssue): string | undefined {
  return issue.code === 'invalid_type' && issue.input === undefined ? `required (${issue.expected})` : undefined;
}

function describeIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      // Name the misspelt key itself, not its parent object.
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), reason: 'unknown setting' }));
    }
    return [{ path: path.join('.'), reason: issue.message }];
  }).flat();
}

/**
 * Lays the layers over the built-in defaults, lowest first. Throws ConfigError naming the first layer whose addition
 * makes the configuration invalid; each layer below it was valid on its own terms.
 */
export function buildConfig(layers: readonly ConfigLayer[]): KioskConfig {
  let merged: unknown = {};
  let config = KioskConfig.parse(merged);
  for (const layer of layers) {
    if (!isPlainObject(layer.data)) {
      throw new ConfigError(layer.source, [{ path: '', reason: 'must be a JSON object ({ ... })' }]);
    }
    merged = mergeLayer(merged, layer.data);
    const result = KioskConfig.safeParse(merged, { error: missingFieldMessage });
    if (!result.success) throw new ConfigError(layer.source, describeIssues(result.error));
    config = result.data;
  }
  return config;
}
