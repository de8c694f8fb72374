// Placeholder so the CDK app synthesizes; the pipeline engineer replaces it with the real forwarder.
export const handler = async (): Promise<void> => {};
