/**
 * @pyvider/hub: The authoring API: provider, resources, data sources, functions, ephemeral resources, list resources, actions and state stores; the component registry, error hierarchy and service container.
 * @packageDocumentation
 */

/** The package version. */
export const VERSION = "0.0.0";
