import CSQLite

extension Statement {
    /// Resets the statement, clears old bindings and binds `values` to `?1…?n`. The count must match the
    /// statement's parameters exactly, so a forgotten value never silently becomes NULL.
    package func bind(_ values: [SQLValue]) throws {
        let handle = try liveHandle()
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw StorageError(kind: .misuse, message: "statement expects \(expected) bindings, got \(values.count)",
                               sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// Binds one value to the 1-based parameter `index`.
    package func bind(_ value: SQLValue, at index: Int) throws {
        let handle = try liveHandle()
        let count = Int(sqlite3_bind_parameter_count(handle))
        guard index >= 1, index <= count else {
            throw StorageError(kind: .misuse, message: "no parameter \(index) (statement has \(count))", sql: sql)
        }
        let position = Int32(index)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .integer(let number):
            code = sqlite3_bind_int64(handle, position, number)
        case .real(let number):
            // SQLite stores NaN as NULL; refusing it keeps a value from changing meaning on the way in.
            guard !number.isNaN else {
                throw StorageError(kind: .invalidValue, message: "NaN cannot be stored (parameter \(index))", sql: sql)
            }
            code = sqlite3_bind_double(handle, position, number)
        case .text(let text):
            code = Statement.bindText(text, handle, position)
        case .blob(let bytes):
            code = Statement.bindBlob(bytes, handle, position)
        }
        guard code == SQLITE_OK else {
            throw StorageError.sqlite(code, handle: sqlite3_db_handle(handle), sql: sql)
        }
    }

    // Explicit byte length (text may hold U+0000) and SQLITE_TRANSIENT: SQLite copies the bytes before returning,
    // because Swift's buffer only lives for the closure.
    private static func bindText(_ text: String, _ handle: OpaquePointer, _ position: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { buffer -> Int32 in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                // A NULL pointer would bind SQL NULL; an empty string must stay ''.
                return sqlite3_bind_text64(handle, position, "", 0, confemu_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { characters in
                sqlite3_bind_text64(handle, position, characters, UInt64(buffer.count), confemu_sqlite_transient(),
                                    UInt8(SQLITE_UTF8))
            }
        }
    }

    private static func bindBlob(_ bytes: [UInt8], _ handle: OpaquePointer, _ position: Int32) -> Int32 {
        // sqlite3_bind_blob with a NULL pointer binds NULL, so an empty blob is a zero-length zeroblob.
        guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, position, 0) }
        return bytes.withUnsafeBytes { buffer -> Int32 in
            sqlite3_bind_blob64(handle, position, buffer.baseAddress, UInt64(buffer.count), confemu_sqlite_transient())
        }
    }
}
