/// A fixed-size block of Float32 memory owned by one object: the storage of model weights, gradients,
/// optimizer moments and activations. Kernels work on its raw pointer, so hot loops pay for neither
/// copy-on-write checks nor exclusivity checks; sizes are checked once, where buffers are laid out.
public final class FloatBuffer {
    /// Number of floats.
    public let count: Int
    /// The memory, zero-filled at creation.
    public let pointer: UnsafeMutablePointer<Float>

    /// `count` zeros.
    public init(count: Int) {
        self.count = Swift.max(count, 0)
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(self.count, 1))
        pointer.initialize(repeating: 0, count: Swift.max(self.count, 1))
    }

    /// A deep copy: new memory with the same values.
    public func copy() -> FloatBuffer {
        let other = FloatBuffer(count: count)
        other.pointer.update(from: pointer, count: count)
        return other
    }

    /// Sets every float to zero.
    public func zero() { pointer.update(repeating: 0, count: count) }

    /// The floats `offset..<offset+length` as an array (the caller has checked the range).
    func array(offset: Int, length: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: pointer + offset, count: length))
    }

    /// Pointer to float `offset`.
    @inline(__always) subscript(offset: Int) -> UnsafeMutablePointer<Float> { pointer + offset }

    deinit { pointer.deallocate() }
}
