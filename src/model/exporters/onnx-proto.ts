import { float32LE, ProtoWriter } from './protobuf';

/**
 * The ONNX messages an exported model uses, as plain objects, and their encoding with
 * the field numbers of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).
 */

/** TensorProto.DataType.FLOAT */
export const ONNX_FLOAT = 1;

/** A dimension: a fixed size or a named symbolic one (e.g. the batch). */
export type OnnxDim = number | string;

export interface OnnxValueInfo {
  name: string;
  /** Float tensors only. */
  shape: readonly OnnxDim[];
  doc?: string;
}

export interface OnnxTensor {
  name: string;
  dims: readonly number[];
  /** Float32 values in row-major order. */
  values: Float32Array;
  doc?: string;
}

export type OnnxAttribute = { name: string } & ({ float: number } | { int: number });

export interface OnnxNode {
  name: string;
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: readonly OnnxAttribute[];
  doc?: string;
}

export interface OnnxGraph {
  name: string;
  doc?: string;
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxTensor[];
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
  valueInfo: readonly OnnxValueInfo[];
}

export interface OnnxModel {
  irVersion: number;
  /** Versions of the default ("") operator set. */
  opsetVersion: number;
  producerName: string;
  doc?: string;
  graph: OnnxGraph;
}

// AttributeProto.AttributeType
const ATTR_FLOAT = 1;
const ATTR_INT = 2;

export function encodeModel(m: OnnxModel): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, m.irVersion);
  w.string(2, m.producerName);
  if (m.doc) w.string(6, m.doc);
  w.message(7, (g) => writeGraph(g, m.graph));
  w.message(8, (o) => o.string(1, '').int(2, m.opsetVersion));
  return w.finish();
}

function writeGraph(w: ProtoWriter, g: OnnxGraph): void {
  for (const n of g.nodes) w.message(1, (x) => writeNode(x, n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, (x) => writeTensor(x, t));
  if (g.doc) w.string(10, g.doc);
  for (const v of g.inputs) w.message(11, (x) => writeValueInfo(x, v));
  for (const v of g.outputs) w.message(12, (x) => writeValueInfo(x, v));
  for (const v of g.valueInfo) w.message(13, (x) => writeValueInfo(x, v));
}

function writeNode(w: ProtoWriter, n: OnnxNode): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name);
  w.string(4, n.opType);
  for (const a of n.attributes ?? []) w.message(5, (x) => writeAttribute(x, a));
  if (n.doc) w.string(6, n.doc);
}

function writeAttribute(w: ProtoWriter, a: OnnxAttribute): void {
  w.string(1, a.name);
  if ('float' in a) w.int(20, ATTR_FLOAT).float(2, a.float);
  else w.int(20, ATTR_INT).int(3, a.int);
}

function writeTensor(w: ProtoWriter, t: OnnxTensor): void {
  const size = t.dims.reduce((a, b) => a * b, 1);
  if (size !== t.values.length) throw new Error(`ONNX tensor ${JSON.stringify(t.name)}: dims [${t.dims.join(', ')}] need ${size} values, got ${t.values.length}`);
  w.packedInts(1, t.dims);
  w.int(2, ONNX_FLOAT);
  w.string(8, t.name);
  w.bytes(9, littleEndianBytes(t.values));
  if (t.doc) w.string(12, t.doc);
}

function writeValueInfo(w: ProtoWriter, v: OnnxValueInfo): void {
  w.string(1, v.name);
  // TypeProto.tensor_type → TypeProto.Tensor { elem_type, shape: TensorShapeProto { dim* } }
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, ONNX_FLOAT);
      tensor.message(2, (shape) => {
        for (const d of v.shape) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
  if (v.doc) w.string(3, v.doc);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** raw_data must be little-endian: on such hosts the float array's own bytes are used, uncopied. */
function littleEndianBytes(values: Float32Array): Uint8Array {
  return LITTLE_ENDIAN ? new Uint8Array(values.buffer, values.byteOffset, values.byteLength) : float32LE(values);
}
