/// Stores a number into a variable. When the old value holds no reference (a number, a boolean,
/// nil) it is overwritten without being destroyed: assigning through the pointer would call
/// `Value`'s general destroy routine, which costs loops a call per iteration.
@inline(__always)
func storeNumber(_ p: UnsafeMutablePointer<Value>, _ x: Double) {
    switch p.pointee {
    case .number, .bool, .null: p.initialize(to: .number(x))
    default: p.pointee = .number(x)
    }
}
