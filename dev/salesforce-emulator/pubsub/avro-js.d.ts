/** The part of avro-js (Apache Avro's JavaScript implementation, no typings of its own) the emulator uses. */
declare module 'avro-js' {
  interface AvroField {
    getName(): string;
  }
  interface AvroType {
    toBuffer(value: unknown): Buffer;
    fromBuffer(buffer: Buffer): unknown;
    getFields(): AvroField[];
  }
  const avro: { parse(schema: unknown, opts?: Record<string, unknown>): AvroType };
  export default avro;
}
