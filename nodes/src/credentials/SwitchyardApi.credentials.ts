/**
 * The `switchyardApi` credential: a gateway key (optional for a Switchyard without keys) and the
 * gateway's base URL; the query API's URL only when it differs (Helicone's hosted service). The
 * credential test queries the request log, which needs the key wherever keys exist.
 */
import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { credentialName, defaultBaseUrl } from '../shared/connection.js';
import { docs } from '../shared/links.js';

export class SwitchyardApi implements ICredentialType {
  name = credentialName;

  displayName = 'Switchyard API';

  icon = 'file:switchyard.svg' as const;

  documentationUrl = docs.credential;

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description:
        'A gateway key (sk-switchyard-…, from "switchyard keys create") when the gateway has keys; leave empty for a local Switchyard without keys. For Helicone\'s hosted gateway: your Helicone API key (sk-helicone-…).',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: defaultBaseUrl,
      required: true,
      placeholder: defaultBaseUrl,
      description:
        'The gateway, without /v1. From n8n in Docker, a Switchyard on the host is http://host.docker.internal:8585. For Helicone\'s hosted gateway: https://ai-gateway.helicone.ai.',
    },
    {
      displayName: 'Query API URL',
      name: 'queryApiUrl',
      type: 'string',
      default: '',
      placeholder: 'https://api.helicone.ai',
      description:
        'Where the Switchyard node reads requests and sessions, when it is not the Base URL: empty for Switchyard (it serves both), https://api.helicone.ai (or https://eu.api.helicone.ai) with Helicone',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
    },
  };

  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{ ($credentials.queryApiUrl || $credentials.baseUrl).replace(/\\/+$/, "").replace(/\\/v1$/, "") }}',
      url: '/v1/request/query-clickhouse',
      method: 'POST',
      body: { filter: 'all', limit: 1 },
      json: true,
    },
  };
}
