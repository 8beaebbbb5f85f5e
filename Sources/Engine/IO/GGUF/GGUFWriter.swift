import Foundation

/// Writes GGUF files (version 3, little-endian): the layout of `GGUFFile`, for tests that build
/// small models and malformed files, and for tools that save quantized weights.
///
///     var w = GGUFWriter()
///     w.metadata.append(("general.architecture", .string("llama")))
///     w.tensors.append(.init(name: "token_embd.weight", dims: [64, 300], type: .q8_0, bytes: rows))
///     try w.write(to: "tiny.gguf")
///
/// Scalar integers are written as int32 when they fit (int64 otherwise), floats as float32, and an
/// array's elements as the element type it names.
public struct GGUFWriter {
    /// One tensor to write: dimensions innermost first, and its bytes in `type`'s layout.
    public struct Tensor {
        public var name: String
        public var dims: [Int]
        public var type: GGMLType
        public var bytes: [UInt8]
        public init(name: String, dims: [Int], type: GGMLType, bytes: [UInt8]) {
            self.name = name; self.dims = dims; self.type = type; self.bytes = bytes
        }
    }

    public var version: UInt32 = 3
    public var alignment = 32
    public var metadata: [(key: String, value: GGUFValue)] = []
    public var tensors: [Tensor] = []

    public init() {}

    /// The file's bytes. Throws when a tensor's byte count does not match its dimensions and type.
    public func encode() throws -> Data {
        var out = Data()
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func string(_ s: String) { u64(UInt64(s.utf8.count)); out.append(contentsOf: Array(s.utf8)) }
        func typeOf(_ v: GGUFValue) -> GGUFValueType {
            switch v {
            case .int(let i): return Int32(exactly: i) != nil ? .int32 : .int64
            case .uint: return .uint64
            case .float: return .float32
            case .bool: return .bool
            case .string: return .string
            case .array: return .array
            }
        }
        func value(_ v: GGUFValue, as t: GGUFValueType) {
            switch (v, t) {
            case (.array(let element, let items), _):
                u32(element.rawValue); u64(UInt64(items.count))
                for item in items { value(item, as: element) }
            case (.string(let s), _): string(s)
            case (.bool(let b), _): out.append(b ? 1 : 0)
            case (.float(let d), .float64): u64(d.bitPattern)
            case (.float(let d), _): u32(Float(d).bitPattern)
            case (.uint(let u), _): u64(u)
            case (.int(let i), .uint8), (.int(let i), .int8): out.append(UInt8(truncatingIfNeeded: i))
            case (.int(let i), .uint16), (.int(let i), .int16):
                withUnsafeBytes(of: UInt16(truncatingIfNeeded: i).littleEndian) { out.append(contentsOf: $0) }
            case (.int(let i), .uint32), (.int(let i), .int32): u32(UInt32(truncatingIfNeeded: i))
            case (.int(let i), _): u64(UInt64(bitPattern: i))
            }
        }
        out.append(contentsOf: Array("GGUF".utf8))
        u32(version)
        u64(UInt64(tensors.count))
        u64(UInt64(metadata.count))
        for (key, v) in metadata {
            string(key)
            let t = typeOf(v)
            u32(t.rawValue)
            value(v, as: t)
        }
        var offset = 0
        var offsets: [Int] = []
        for t in tensors {
            let count = t.dims.reduce(1, *)
            guard let rowBytes = t.type.rowBytes(t.dims.first ?? 0), rowBytes * (count / Swift.max(1, t.dims[0])) == t.bytes.count else {
                throw EngineError("gguf writer: tensor \"\(t.name)\" of \(t.type.name) \(t.dims) needs a different byte count than \(t.bytes.count)")
            }
            offsets.append(offset)
            offset = (offset + t.bytes.count + alignment - 1) / alignment * alignment
        }
        for (t, o) in zip(tensors, offsets) {
            string(t.name)
            u32(UInt32(t.dims.count))
            for d in t.dims { u64(UInt64(d)) }
            u32(t.type.rawValue)
            u64(UInt64(o))
        }
        func pad() { while out.count % alignment != 0 { out.append(0) } }
        pad()
        for t in tensors {
            out.append(contentsOf: t.bytes)
            pad()
        }
        return out
    }

    /// Writes the file atomically.
    public func write(to path: String) throws {
        let data = try encode()
        do { try AtomicWrite.write(data, to: path) } catch let e as EngineError {
            throw EngineError("save: cannot write \(path): \(e.message)")
        }
    }
}
