/** Makes a fresh unique id (a UUID in production), injected so the domain stays free of I/O. */
export type NewId = () => string;
