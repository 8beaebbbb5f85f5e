import Foundation

/// TensorBoard event files, written by hand: a TFRecord stream of `Event` protocol buffers.
///
/// Each record is `length` (UInt64 LE), `masked CRC32C of length` (UInt32 LE), the payload, and
/// `masked CRC32C of payload` (UInt32 LE); the mask is `((crc >> 15) | (crc << 17)) + 0xa282ead8`.
/// A file starts with an event holding `file_version = "brain.Event:2"`; each step is an event with
/// `wall_time`, `step` and a `Summary` of `simple_value` scalars, which TensorBoard's scalar
/// dashboard reads. Only the fields used here are encoded:
///
///     Event   { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
///     Summary { repeated Value value = 1; }   Value { string tag = 1; float simple_value = 2; }
///
/// `scripts/check_tensorboard.py` reads a run folder with the real `tensorboard` package.
public enum TensorBoardEvents {
    /// The first record of every event file.
    public static func fileVersionRecord(wallTime: Double) -> [UInt8] {
        var event = ProtoWriter()
        event.double(field: 1, wallTime)
        event.bytes(field: 3, Array("brain.Event:2".utf8))
        return TFRecord.frame(event.bytes)
    }

    /// One step's scalars as a record (non-finite values are written as they are; TensorBoard shows them).
    public static func scalarsRecord(wallTime: Double, step: Int, scalars: [(tag: String, value: Float)]) -> [UInt8] {
        var summary = ProtoWriter()
        for (tag, value) in scalars {
            var v = ProtoWriter()
            v.bytes(field: 1, Array(tag.utf8))
            v.float(field: 2, value)
            summary.bytes(field: 1, v.bytes)
        }
        var event = ProtoWriter()
        event.double(field: 1, wallTime)
        event.varint(field: 2, UInt64(bitPattern: Int64(step)))
        event.bytes(field: 5, summary.bytes)
        return TFRecord.frame(event.bytes)
    }
}

/// TFRecord framing (length, masked CRC32C of the length, payload, masked CRC32C of the payload).
public enum TFRecord {
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + 16)
        let length = littleEndian(UInt64(payload.count))
        out += length
        out += littleEndian(CRC32C.masked(CRC32C.checksum(length)))
        out += payload
        out += littleEndian(CRC32C.masked(CRC32C.checksum(payload)))
        return out
    }

    static func littleEndian<T: FixedWidthInteger>(_ x: T) -> [UInt8] {
        withUnsafeBytes(of: x.littleEndian) { Array($0) }
    }
}

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as TFRecord files use it.
/// `checksum(Array("123456789".utf8)) == 0xE3069283`.
public enum CRC32C {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        return c
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// The masked form TFRecord stores, so a CRC of data holding CRCs stays well distributed.
    public static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}

/// The few protocol-buffer wire types the event files need.
struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func rawVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }

    mutating func key(_ field: Int, _ wireType: UInt64) { rawVarint(UInt64(field) << 3 | wireType) }

    mutating func varint(field: Int, _ value: UInt64) { key(field, 0); rawVarint(value) }

    mutating func double(field: Int, _ value: Double) { key(field, 1); bytes += TFRecord.littleEndian(value.bitPattern) }

    mutating func float(field: Int, _ value: Float) { key(field, 5); bytes += TFRecord.littleEndian(value.bitPattern) }

    mutating func bytes(field: Int, _ value: [UInt8]) {
        key(field, 2)
        rawVarint(UInt64(value.count))
        bytes += value
    }
}
