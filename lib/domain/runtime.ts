/** The built-in model server's name in the runtime catalog: always there. */
export const BUILTIN_RUNTIME = "builtin";

export const RUNTIME_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/;
