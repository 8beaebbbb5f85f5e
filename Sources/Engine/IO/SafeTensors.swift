import Foundation

/// Reading and writing the safetensors format, so checkpoints open in PyTorch and numpy.
///
/// Layout (the whole format): an 8-byte little-endian header length N; N bytes of JSON mapping each
/// tensor name to `{"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}` (offsets relative to
/// the data section, end exclusive) plus an optional `"__metadata__"` map of strings to strings; then
/// the raw little-endian data. Spar writes F32 and reads F32, F16 and BF16 (converted to Float32).
///
/// Writes go to a temporary file in the same folder that is then renamed over the target, so a crash
/// never leaves half a checkpoint. Reading checks every field and bound before using it and names the
/// file and the problem; it never trusts a size from the file for an allocation it has not checked.
public enum SafeTensors {
    /// Headers larger than this are refused (the reference implementation's limit is 100 MB).
    public static let maxHeaderBytes = 100_000_000

    /// What a file holds: named tensors (in file order of their offsets) and its metadata strings.
    public struct Contents: Equatable {
        public var tensors: [(name: String, tensor: Tensor)]
        public var metadata: [String: String]

        public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) {
            self.tensors = tensors
            self.metadata = metadata
        }

        /// The tensor called `name`, if any.
        public subscript(name: String) -> Tensor? { tensors.first { $0.name == name }?.tensor }

        public static func == (a: Contents, b: Contents) -> Bool {
            a.metadata == b.metadata && a.tensors.count == b.tensors.count
                && zip(a.tensors, b.tensors).allSatisfy { $0.name == $1.name && $0.tensor == $1.tensor }
        }
    }

    // MARK: writing

    /// The bytes of a safetensors file holding `tensors` (names must be unique and non-empty).
    public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) throws -> Data {
        var seen = Set<String>()
        var entries: [String] = []
        var offset = 0
        for (name, t) in tensors {
            guard !name.isEmpty, name != "__metadata__" else { throw EngineError("save: invalid tensor name \"\(name)\"") }
            guard seen.insert(name).inserted else { throw EngineError("save: tensor name \"\(name)\" appears twice") }
            let bytes = t.count * 4
            entries.append("\(JSONText.string(name)):{\"dtype\":\"F32\",\"shape\":\(t.shape),\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(JSONText.string($0)):\(JSONText.string(metadata[$0] ?? ""))" }
            entries.insert("\"__metadata__\":{\(pairs.joined(separator: ","))}", at: 0)
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        // Pad with spaces so the data section starts 8-byte aligned (as the reference writer does).
        while header.count % 8 != 0 { header.append(0x20) }
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for (_, t) in tensors {
            let le = t.scalars.map { $0.bitPattern.littleEndian }
            le.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Writes `tensors` to `path` atomically (temporary file, then rename).
    public static func save(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:], to path: String) throws {
        let data = try encode(tensors, metadata: metadata)
        do {
            try AtomicWrite.write(data, to: path)
        } catch let error as EngineError {
            throw EngineError("save: cannot write \(path): \(error.message)")
        }
    }

    // MARK: reading

    /// Reads and checks a safetensors file.
    public static func load(_ path: String) throws -> Contents {
        let data: Data
        do { data = try FileProblem.readFile(path, mapped: true) } catch {
            throw EngineError("load: cannot read \(path): \(FileProblem.reason(error, path: path))")
        }
        if let wrong = FileKind.refuse(FileKind.sniff(data), path: path, function: "load", expecting: "a safetensors file",
                                       accepting: [.safetensors, .sparModel]) { throw wrong }
        return try decode(data, file: path)
    }

    /// Parses the bytes of a safetensors file; `file` names it in errors.
    public static func decode(_ data: Data, file: String = "<data>") throws -> Contents {
        func fail(_ problem: String) -> EngineError { EngineError("load: \(file) is not a valid safetensors file: \(problem)") }
        guard data.count >= 8 else { throw fail("truncated (\(data.count) bytes, the header length alone needs 8)") }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(data[data.startIndex + i]) << (8 * UInt64(i)) }
        guard n <= UInt64(maxHeaderBytes) else { throw fail("header length \(n) is above the limit of \(maxHeaderBytes) bytes") }
        let headerLength = Int(n)
        guard 8 + headerLength <= data.count else {
            throw fail("truncated (header says \(headerLength) bytes, only \(data.count - 8) follow)")
        }
        let headerData = data.subdata(in: (data.startIndex + 8)..<(data.startIndex + 8 + headerLength))
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: headerData) } catch { throw fail("header is not valid JSON") }
        guard let header = json as? [String: Any] else { throw fail("header is not a JSON object") }
        try checkNamesUnique(headerData, fail)
        let dataStart = data.startIndex + 8 + headerLength
        let dataSize = data.count - 8 - headerLength

        var metadata: [String: String] = [:]
        var entries: [(name: String, dtype: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let map = value as? [String: Any] else { throw fail("__metadata__ is not an object") }
                for (k, v) in map {
                    guard let s = v as? String else { throw fail("__metadata__ value for \"\(k)\" is not a string") }
                    metadata[k] = s
                }
                continue
            }
            guard let info = value as? [String: Any] else { throw fail("entry \"\(name)\" is not an object") }
            guard let dtype = info["dtype"] as? String else { throw fail("tensor \"\(name)\" has no dtype string") }
            guard let elementSize = ["F32": 4, "F16": 2, "BF16": 2][dtype] else {
                throw fail("tensor \"\(name)\" has dtype \(dtype); supported are F32, F16 and BF16")
            }
            guard let shapeList = info["shape"] as? [Any] else { throw fail("tensor \"\(name)\" has no shape list") }
            let shape = try shapeList.map { try jsonInt($0) ?? { throw fail("tensor \"\(name)\" has a shape entry that is not a non-negative integer") }() }
            guard let offsets = info["data_offsets"] as? [Any], offsets.count == 2,
                  let begin = jsonInt(offsets[0]), let end = jsonInt(offsets[1]) else {
                throw fail("tensor \"\(name)\" needs data_offsets [begin, end] of non-negative integers")
            }
            guard begin <= end, end <= dataSize else {
                throw fail("tensor \"\(name)\" has data_offsets [\(begin), \(end)] outside the \(dataSize) data bytes")
            }
            let count: Int
            do { count = try Shape.elementCount(shape, op: "load") } catch let e as EngineError {
                throw fail("tensor \"\(name)\": \(e.message)")
            }
            guard end - begin == count * elementSize else {
                throw fail("tensor \"\(name)\" of shape \(shape) and dtype \(dtype) needs \(count * elementSize) bytes, data_offsets give \(end - begin)")
            }
            entries.append((name, dtype, shape, begin, end))
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        for (a, b) in zip(entries, entries.dropFirst()) where b.begin < a.end {
            throw fail("tensors \"\(a.name)\" and \"\(b.name)\" overlap in the data section")
        }
        try checkDataCovered(entries.map { ($0.name, $0.begin, $0.end) }, dataSize: dataSize, fail)
        var tensors: [(name: String, tensor: Tensor)] = []
        for e in entries {
            let bytes = data.subdata(in: (dataStart + e.begin)..<(dataStart + e.end))
            let values: [Float] = bytes.withUnsafeBytes { raw in
                switch e.dtype {
                case "F32":
                    return (0..<(raw.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
                case "F16":
                    return (0..<(raw.count / 2)).map { halfToFloat(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))) }
                default: // BF16: the top half of a Float32
                    return (0..<(raw.count / 2)).map { Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))) << 16) }
                }
            }
            tensors.append((e.name, Tensor(unchecked: e.shape, values)))
        }
        return Contents(tensors: tensors, metadata: metadata)
    }

    /// IEEE half precision to Float, by hand: Swift's `Float16` is unavailable on Intel Macs.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign: Float = h & 0x8000 != 0 ? -1 : 1
        let exponent = Int((h >> 10) & 0x1F), mantissa = Float(h & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * 0x1p-24                       // zero and subnormals
        case 31: return mantissa == 0 ? sign * .infinity : .nan        // infinities and NaN
        default: return sign * (1 + mantissa / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    /// A JSON number that is a non-negative integer small enough to be a size, else nil.
    private static func jsonInt(_ v: Any) -> Int? {
        guard let n = v as? NSNumber else { return nil }
        let d = n.doubleValue
        guard d.isFinite, d == d.rounded(), d >= 0, d < 9.0e15 else { return nil }
        // JSON true/false arrive as NSNumber too; their type code is "c". (`is Bool` is no test:
        // NSNumber 0 and 1 also answer true to it.)
        if String(cString: n.objCType) == "c" { return nil }
        return Int(d)
    }
}
