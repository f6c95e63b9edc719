/** What both gRPC bench servers answer. */
export const smallSchemaResponse = {
  provider: { version: 1, block: { version: 1, attributes: [], blockTypes: [] } },
  resourceSchemas: {},
  dataSourceSchemas: {},
  serverCapabilities: { planDestroy: true, getProviderSchemaOptional: true },
};
