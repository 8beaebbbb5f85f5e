/// A GGUF file (llama.cpp's model format, versions 2 and 3), read in place from a `MappedFile`.
///
/// Layout, all little-endian (a string is a uint64 length and that many UTF-8 bytes):
///
///     "GGUF"  uint32 version  uint64 tensor_count  uint64 metadata_count
///     metadata_count x (string key, uint32 value type, value)      value types: GGUFValueType;
///                                                                  an array is uint32 element type,
///                                                                  uint64 count, the elements
///     tensor_count x (string name, uint32 n_dims, n_dims x uint64 ne, uint32 ggml type, uint64 offset)
///     padding to `general.alignment` (default 32), then the tensor data; each tensor at `offset`
///     bytes into it (a multiple of the alignment). ne[0] is the innermost, contiguous dimension.
///
/// Parsing checks every count, length and offset against the bytes that remain before it allocates
/// or reads anything, so a truncated or hostile file is an `EngineError` naming the file and the
/// field, never a trap or a huge allocation. Tensor data is not copied: `data(of:)` points into the
/// mapping.
///
///     let file = try GGUFFile(path: "SmolLM2-135M-Instruct.Q4_1.gguf")
///     file.string("general.architecture")     // "llama"
///     file.tensor(named: "token_embd.weight")?.type   // .q8_0
public final class GGUFFile: @unchecked Sendable {
    /// One tensor's header entry, checked against the file.
    public struct TensorInfo: Sendable, Equatable {
        public let name: String
        /// Dimensions innermost first, as GGUF stores them: [in, out] for a matrix.
        public let dims: [Int]
        public let type: GGMLType
        /// Offset of the data from the start of the data section.
        public let offset: Int
        public let byteCount: Int
        /// Number of values.
        public var count: Int { dims.reduce(1, *) }
        /// Dimensions outermost first (PyTorch's order): [out, in] for a matrix.
        public var shape: [Int] { dims.reversed() }
    }

    /// Largest number of metadata array elements accepted in one file, so that metadata cannot
    /// ask for more memory than a real tokenizer needs (Llama 3: about 400 thousand).
    public static let maxArrayElements = 1 << 24
    /// Deepest nesting of arrays accepted.
    public static let maxArrayDepth = 4

    public let path: String
    public let version: Int
    /// Metadata in file order.
    public let metadata: [(key: String, value: GGUFValue)]
    public let tensors: [TensorInfo]
    /// Alignment of the data section and of every tensor in it.
    public let alignment: Int
    /// Byte offset of the data section in the file.
    public let dataOffset: Int
    /// The mapped bytes; kept alive as long as any tensor data is in use.
    public let file: MappedFile
    private let keyIndex: [String: Int]
    private let tensorIndex: [String: Int]

    /// Maps and parses the file at `path`.
    public convenience init(path: String) throws {
        let mapped: MappedFile
        do { mapped = try MappedFile(path: path) } catch let e as EngineError { throw EngineError("load: \(e.message)") }
        try self.init(file: mapped)
    }

    /// Parses a mapped (or in-memory) file.
    public init(file: MappedFile) throws {
        self.file = file
        self.path = file.path
        var r = GGUFReader(bytes: file.bytes, path: file.path)
        let header = try r.header()
        version = header.version
        var metadata: [(key: String, value: GGUFValue)] = []
        var keyIndex: [String: Int] = [:]
        var elements = 0
        for i in 0..<header.metadataCount {
            let key = try r.string("metadata key \(i)")
            guard !key.isEmpty else { throw r.fail("metadata key \(i) is empty") }
            guard keyIndex[key] == nil else { throw r.fail("metadata key \"\(key)\" appears twice") }
            let value = try r.value(of: try r.valueType("metadata \"\(key)\""), field: "metadata \"\(key)\"", depth: 0, elements: &elements)
            keyIndex[key] = metadata.count
            metadata.append((key, value))
        }
        self.metadata = metadata
        self.keyIndex = keyIndex

        var alignment = 32
        if let i = keyIndex["general.alignment"] {
            guard let a = metadata[i].value.intValue, a > 0, a <= 1 << 20, a & (a - 1) == 0 else {
                throw r.fail("general.alignment must be a power of two up to 1048576, not \(metadata[i].value)")
            }
            alignment = a
        }
        self.alignment = alignment

        var infos: [(name: String, dims: [Int], rawType: UInt32, offset: UInt64)] = []
        var tensorIndex: [String: Int] = [:]
        for i in 0..<header.tensorCount {
            let name = try r.string("tensor \(i) name")
            guard !name.isEmpty else { throw r.fail("tensor \(i) has an empty name") }
            guard tensorIndex[name] == nil else { throw r.fail("tensor \"\(name)\" appears twice") }
            let n = try r.u32("tensor \"\(name)\" dimension count")
            guard n >= 1 && n <= 4 else { throw r.fail("tensor \"\(name)\" has \(n) dimensions; GGUF tensors have 1 to 4") }
            var dims: [Int] = []
            for d in 0..<Int(n) {
                let v = try r.u64("tensor \"\(name)\" dimension \(d)")
                guard v >= 1, v <= UInt64(1) << 40 else { throw r.fail("tensor \"\(name)\" dimension \(d) is \(v)") }
                dims.append(Int(v))
            }
            let type = try r.u32("tensor \"\(name)\" type")
            let offset = try r.u64("tensor \"\(name)\" offset")
            tensorIndex[name] = infos.count
            infos.append((name, dims, type, offset))
        }
        self.tensorIndex = tensorIndex

        let dataStart = (r.offset + alignment - 1) / alignment * alignment
        guard dataStart <= file.bytes.count || infos.isEmpty else {
            throw r.fail("truncated: the header ends at byte \(r.offset) and no tensor data follows")
        }
        dataOffset = Swift.min(dataStart, file.bytes.count)
        let dataSize = file.bytes.count - dataOffset
        var tensors: [TensorInfo] = []
        for t in infos {
            guard let type = GGMLType(rawValue: t.rawType) else {
                throw r.fail("tensor \"\(t.name)\" has type \(GGMLType.describe(t.rawType)), which Spar does not read (supported: \(GGMLType.supportedList))")
            }
            var count = 1
            for d in t.dims {
                let (p, overflow) = count.multipliedReportingOverflow(by: d)
                guard !overflow, p <= 1 << 48 else { throw r.fail("tensor \"\(t.name)\" has dimensions \(t.dims), too many values") }
                count = p
            }
            guard let rowBytes = type.rowBytes(t.dims[0]) else {
                throw r.fail("tensor \"\(t.name)\" of type \(type.name) has rows of \(t.dims[0]) values, not a multiple of its block of \(type.blockSize)")
            }
            let bytes = rowBytes * (count / t.dims[0])
            guard t.offset % UInt64(alignment) == 0 else {
                throw r.fail("tensor \"\(t.name)\" offset \(t.offset) is not a multiple of the alignment \(alignment)")
            }
            guard t.offset <= UInt64(dataSize), UInt64(bytes) <= UInt64(dataSize) - t.offset else {
                throw r.fail("tensor \"\(t.name)\" needs bytes \(t.offset)..<\(t.offset + UInt64(bytes)) of the data section, which has \(dataSize)")
            }
            tensors.append(TensorInfo(name: t.name, dims: t.dims, type: type, offset: Int(t.offset), byteCount: bytes))
        }
        let sorted = tensors.sorted { ($0.offset, $0.byteCount) < ($1.offset, $1.byteCount) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.offset < a.offset + a.byteCount {
            throw r.fail("tensors \"\(a.name)\" and \"\(b.name)\" overlap in the data section")
        }
        self.tensors = tensors
    }

    // MARK: lookups

    /// The metadata value under `key`, if any.
    public subscript(key: String) -> GGUFValue? { keyIndex[key].map { metadata[$0].value } }

    /// The tensor called `name`, if any.
    public func tensor(named name: String) -> TensorInfo? { tensorIndex[name].map { tensors[$0] } }

    /// The bytes of a tensor, in the mapping (valid while this file is alive).
    public func data(of t: TensorInfo) -> UnsafeRawPointer {
        // `init` checked offset + byteCount against the data section, which is inside `bytes`.
        file.bytes.baseAddress.map { $0 + dataOffset + t.offset } ?? UnsafeRawPointer(bitPattern: 1)!
    }

    /// A typed metadata value, nil when absent, an error naming the file and key when of the wrong kind.
    public func string(_ key: String) throws -> String? {
        guard let v = self[key] else { return nil }
        guard let s = v.stringValue else { throw wrongKind(key, v, "a string") }
        return s
    }

    public func int(_ key: String) throws -> Int? {
        guard let v = self[key] else { return nil }
        guard let i = v.intValue else { throw wrongKind(key, v, "an integer") }
        return i
    }

    public func double(_ key: String) throws -> Double? {
        guard let v = self[key] else { return nil }
        guard let d = v.doubleValue else { throw wrongKind(key, v, "a number") }
        return d
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let v = self[key] else { return nil }
        guard let b = v.boolValue else { throw wrongKind(key, v, "true or false") }
        return b
    }

    public func strings(_ key: String) throws -> [String]? {
        guard let v = self[key] else { return nil }
        guard let items = v.arrayValue else { throw wrongKind(key, v, "an array of strings") }
        return try items.map { item in
            guard let s = item.stringValue else { throw wrongKind(key, v, "an array of strings") }
            return s
        }
    }

    public func ints(_ key: String) throws -> [Int]? {
        guard let v = self[key] else { return nil }
        guard let items = v.arrayValue else { throw wrongKind(key, v, "an array of integers") }
        return try items.map { item in
            guard let i = item.intValue else { throw wrongKind(key, v, "an array of integers") }
            return i
        }
    }

    private func wrongKind(_ key: String, _ v: GGUFValue, _ wanted: String) -> EngineError {
        EngineError("load: \(path): metadata \"\(key)\" is \(v.kindDescription), expected \(wanted)")
    }
}

/// The cursor that parses a GGUF header: every read checks the bytes that remain first.
struct GGUFReader {
    let bytes: UnsafeRawBufferPointer
    let path: String
    var offset = 0

    init(bytes: UnsafeRawBufferPointer, path: String) { self.bytes = bytes; self.path = path }

    var remaining: Int { bytes.count - offset }

    func fail(_ problem: String) -> EngineError { EngineError("load: \(path) is not a valid GGUF file: \(problem)") }

    private mutating func take(_ n: Int, _ field: @autoclosure () -> String) throws -> UnsafeRawPointer {
        guard n <= remaining, let base = bytes.baseAddress else {
            throw fail("truncated at byte \(offset): \(field()) needs \(n) bytes, \(remaining) remain")
        }
        defer { offset += n }
        return base + offset
    }

    mutating func u8(_ field: @autoclosure () -> String) throws -> UInt8 { try take(1, field()).load(as: UInt8.self) }
    mutating func u16(_ field: @autoclosure () -> String) throws -> UInt16 { UInt16(littleEndian: try take(2, field()).loadUnaligned(as: UInt16.self)) }
    mutating func u32(_ field: @autoclosure () -> String) throws -> UInt32 { UInt32(littleEndian: try take(4, field()).loadUnaligned(as: UInt32.self)) }
    mutating func u64(_ field: @autoclosure () -> String) throws -> UInt64 { UInt64(littleEndian: try take(8, field()).loadUnaligned(as: UInt64.self)) }

    /// A length-prefixed string; the length is checked against the bytes that remain.
    mutating func string(_ field: @autoclosure () -> String) throws -> String {
        let n = try u64("\(field()) length")
        guard n <= UInt64(remaining) else {
            throw fail("\(field()) claims \(n) bytes, but only \(remaining) remain in the file")
        }
        let p = try take(Int(n), field())
        return String(decoding: UnsafeRawBufferPointer(start: p, count: Int(n)), as: UTF8.self)
    }

    /// Magic, version and the two counts, each count checked against the smallest encoding of
    /// that many entries.
    mutating func header() throws -> (version: Int, tensorCount: Int, metadataCount: Int) {
        guard bytes.count >= 4 else { throw fail("truncated (\(bytes.count) bytes; the magic alone needs 4)") }
        let magic = try u32("magic")
        guard magic == 0x4655_4747 else {  // "GGUF" read as a little-endian uint32
            throw fail("wrong magic \(Self.hex(magic)) (a GGUF file starts with the bytes \"GGUF\")")
        }
        let version = try u32("version")
        if version.byteSwapped == 2 || version.byteSwapped == 3 { throw fail("it is big-endian (version \(version.byteSwapped)); only little-endian files are read") }
        guard version == 2 || version == 3 else {
            throw fail("version \(version) is not supported (Spar reads GGUF versions 2 and 3)")
        }
        let tensors = try u64("tensor count"), kvs = try u64("metadata count")
        // Smallest tensor entry: 8-byte name length + 1 byte + 4 + one 8-byte dimension + 4 + 8.
        guard tensors <= UInt64(remaining / 33) else {
            throw fail("tensor count \(tensors) is impossible in a file of \(bytes.count) bytes")
        }
        // Smallest metadata entry: 8-byte key length + 1 byte + 4-byte type + 1-byte value.
        guard kvs <= UInt64(remaining / 14) else {
            throw fail("metadata count \(kvs) is impossible in a file of \(bytes.count) bytes")
        }
        return (Int(version), Int(tensors), Int(kvs))
    }

    mutating func valueType(_ field: @autoclosure () -> String) throws -> GGUFValueType {
        let raw = try u32("\(field()) type")
        guard let t = GGUFValueType(rawValue: raw) else { throw fail("\(field()) has unknown value type \(raw)") }
        return t
    }

    /// One value of type `t`; arrays check count x smallest element size against the remaining
    /// bytes, and the running element total against `maxArrayElements`, before allocating.
    mutating func value(of t: GGUFValueType, field: @autoclosure () -> String, depth: Int, elements: inout Int) throws -> GGUFValue {
        switch t {
        case .uint8: return .int(Int64(try u8(field())))
        case .int8: return .int(Int64(Int8(bitPattern: try u8(field()))))
        case .uint16: return .int(Int64(try u16(field())))
        case .int16: return .int(Int64(Int16(bitPattern: try u16(field()))))
        case .uint32: return .int(Int64(try u32(field())))
        case .int32: return .int(Int64(Int32(bitPattern: try u32(field()))))
        case .uint64:
            let v = try u64(field())
            return v <= UInt64(Int64.max) ? .int(Int64(v)) : .uint(v)
        case .int64: return .int(Int64(bitPattern: try u64(field())))
        case .float32: return .float(Double(Float(bitPattern: try u32(field()))))
        case .float64: return .float(Double(bitPattern: try u64(field())))
        case .bool:
            let b = try u8(field())
            guard b <= 1 else { throw fail("\(field()) is a boolean stored as \(b)") }
            return .bool(b == 1)
        case .string: return .string(try string(field()))
        case .array:
            guard depth < GGUFFile.maxArrayDepth else { throw fail("\(field()) nests arrays deeper than \(GGUFFile.maxArrayDepth)") }
            let element = try valueType("\(field()) element")
            let n = try u64("\(field()) count")
            guard n <= UInt64(remaining / element.minimumBytes) else {
                throw fail("\(field()) claims \(n) elements of \(element.name), which cannot fit in the \(remaining) bytes that remain")
            }
            guard n <= UInt64(GGUFFile.maxArrayElements - elements) else {
                throw fail("\(field()) has \(n) elements; metadata arrays may hold \(GGUFFile.maxArrayElements) in all")
            }
            elements += Int(n)
            var items: [GGUFValue] = []
            items.reserveCapacity(Int(n))
            for i in 0..<Int(n) {
                items.append(try value(of: element, field: "\(field())[\(i)]", depth: depth + 1, elements: &elements))
            }
            return .array(element, items)
        }
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v.byteSwapped, radix: 16)
        return "0x" + String(repeating: "0", count: Swift.max(0, 8 - s.count)) + s
    }
}
