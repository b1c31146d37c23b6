import Foundation

/// Where the project's shared specs and vectors are: `shared/` beside the repository (how CI and
/// every developer's machine lay it out), or wherever `MINERVA_SHARED` points.
public enum Shared {
    public static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["MINERVA_SHARED"] {
            return URL(fileURLWithPath: path)
        }
        // Tests/TestSupport/SharedVectors.swift → the repository → its sibling "shared".
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }()

    public static let vectors = root.appendingPathComponent("vectors")

    /// `shared/vectors/<relative>` as a path string.
    public static func vector(_ relative: String) -> String {
        vectors.appendingPathComponent(relative).path
    }
}
