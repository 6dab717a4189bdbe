/// Figures shown one after another, looping, written as an animated PNG (``AnimatedPNG``).
public struct Animation: Sendable {
    /// The figures, in the order they are shown.
    public var frames: [Figure]
    /// How long each frame shows.
    public var milliseconds: [Int]
    /// The frame that viewers which do not play animations show.
    public var still: Int

    /// libdeflate's level for the frames (1...12).
    public var level: Int32

    public init(frames: [Figure], milliseconds: [Int], still: Int, level: Int32 = 6) {
        precondition(!frames.isEmpty && frames.count == milliseconds.count && frames.indices.contains(still),
                     "Animation needs one duration per frame and a still among them")
        precondition(milliseconds.allSatisfy { (1...65_535).contains($0) }, "APNG stores a frame's milliseconds in 16 bits")
        self.frames = frames
        self.milliseconds = milliseconds
        self.still = still
        self.level = level
    }
}
