/// A grid of terminal cells where each cell is a 2×4 block of Unicode braille dots, so a 60×12
/// character area has 120×48 dots. Each cell remembers which series set its dots last, for colour.
struct BrailleCanvas {
    let width: Int
    let height: Int
    private(set) var bits: [UInt8]
    private(set) var owner: [Int]

    /// Dots are addressed from the top left: x in 0..<2*width, y in 0..<4*height.
    var dotWidth: Int { width * 2 }
    var dotHeight: Int { height * 4 }

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        bits = [UInt8](repeating: 0, count: width * height)
        owner = [Int](repeating: -1, count: width * height)
    }

    /// The braille bit of each dot position within a cell, [column][row] (Unicode's dot numbering).
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets one dot; positions outside the canvas are ignored.
    mutating func set(x: Int, y: Int, series: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * width + x / 2
        bits[cell] |= BrailleCanvas.dotBits[x % 2][y % 4]
        owner[cell] = series
    }

    /// Sets the dots of a straight line between two dots (Bresenham).
    mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), series: Int) {
        var x = a.x, y = a.y
        let dx = abs(b.x - a.x), dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var error = dx + dy
        // At most dx + |dy| + 1 steps; the bound also guards against any arithmetic surprise.
        for _ in 0...(dx - dy + 1) {
            set(x: x, y: y, series: series)
            if x == b.x && y == b.y { return }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    /// The character of a cell: a braille pattern, or a space when empty.
    func character(column: Int, row: Int) -> Character {
        let b = bits[row * width + column]
        if b == 0 { return " " }
        return Character(Unicode.Scalar(0x2800 + UInt32(b)) ?? " ")
    }

    func series(column: Int, row: Int) -> Int { owner[row * width + column] }
}
