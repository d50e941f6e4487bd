/** Test servers playing AWS's credential endpoints on 127.0.0.1: ECS's container endpoint and EC2's IMDSv2. */
export type { ContainerEndpoint, ContainerEndpointOptions } from './container-endpoint.js';
export { startContainerEndpoint } from './container-endpoint.js';
export type { InstanceMetadataEndpoint, InstanceMetadataOptions } from './instance-metadata-endpoint.js';
export { startInstanceMetadataEndpoint } from './instance-metadata-endpoint.js';
export type { MetadataRequest, ServedCredentials } from './local-server.js';
