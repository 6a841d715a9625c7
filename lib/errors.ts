/**
 * Typed errors thrown by the services layer. Entry points map them to a status (REST), a field error
 * (forms) or a page (403 / 404). The driver error, when there is one, is kept as `cause`.
 */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super("unauthorized", 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Your role does not allow this.") {
    super("forbidden", 403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super("not_found", 404, message);
  }
}

/** Bad input: names the fields and what would be valid. */
export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: FieldErrors,
    message = "Some fields need attention.",
  ) {
    super("invalid_input", 422, message);
  }

  static forField(field: string, message: string): ValidationError {
    return new ValidationError({ [field]: [message] }, message);
  }
}

/** The action does not fit the object's current state (pause a paused endpoint, …). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super("conflict", 409, message);
  }
}

/** Too many attempts from one address or at one account; says when to try again. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", 429, `Too many attempts. Try again in ${retryAfterSeconds < 60 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`}.`);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limit: number) {
    super("payload_too_large", 413, `The request body is larger than ${limit} bytes.`);
  }
}
