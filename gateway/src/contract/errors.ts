/**
 * The gateway's error body: OpenAI's `{error: {message, type, code, param}}`, so every OpenAI
 * client surfaces the message; when attempts failed, `details` lists each one.
 */
export interface ErrorDetail {
  source: string;
  status: number;
  message: string;
}

export interface ErrorBody {
  error: {
    message: string;
    type: string;
    code: string | null;
    param: string | null;
    details?: ErrorDetail[];
  };
}

/** An error the gateway answers with: its HTTP status and body. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param: string | null = null,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  toBody(): ErrorBody {
    return {
      error: {
        message: this.message,
        type: this.type,
        code: this.type,
        param: this.param,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}
