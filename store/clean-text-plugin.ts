import { OperationNodeTransformer, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type PrimitiveValueListNode, type QueryResult, type RootOperationNode, type UnknownRow, type ValueNode } from 'kysely';
import { cleanText } from '../sync/clean-text';

/**
 * Every string bound into a query is cleaned (sync/clean-text.ts) before it reaches the database:
 * PostgreSQL refuses NUL in text, SQLite would keep it, and the two stores must hold the same.
 * Binary values (the raw MIME of an email, a Buffer) pass untouched, byte for byte.
 */
export class CleanTextPlugin implements KyselyPlugin {
  readonly #transformer = new CleanTextTransformer();

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(node);
  }

  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result);
  }
}

class CleanTextTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return typeof node.value === 'string' ? { ...node, value: cleanText(node.value) } : node;
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map((v) => (typeof v === 'string' ? cleanText(v) : v)) };
  }
}
