import type { RegistryConfig } from '../config.ts';
import { RegistryClient } from './client.ts';

/** One client per registry host for the run, so connections, schemes and tokens are reused. */
export class RegistryPool {
  private readonly clients = new Map<string, RegistryClient>();
  private readonly config: RegistryConfig;
  private readonly maskSecret: (value: string) => void;

  constructor(config: RegistryConfig, maskSecret: (value: string) => void) {
    this.config = config;
    this.maskSecret = maskSecret;
  }

  client(registry: string): RegistryClient {
    let client = this.clients.get(registry);
    if (!client) {
      // Exact host match only, so credentials never reach a look-alike host.
      const credential = this.config.credentials.find((entry) => entry.registry === registry);
      client = new RegistryClient({
        registry,
        allowHttp: this.config.allowHttp,
        credential,
        maskSecret: this.maskSecret,
      });
      this.clients.set(registry, client);
    }
    return client;
  }
}
