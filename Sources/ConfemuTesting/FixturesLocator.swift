import ConfemuFormats
import Foundation

/// Finds the repository's `fixtures/` folder: `CONFEMU_FIXTURES_DIR` when set, else from this file's
/// location (architecture.md §1).
public enum FixturesLocator {
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["CONFEMU_FIXTURES_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures")
    }

    public static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    package static func load(_ relativePath: String) throws -> JSONValue {
        let data = try Data(contentsOf: url(relativePath))
        return try JSONValue(parsing: Array(data))
    }
}
