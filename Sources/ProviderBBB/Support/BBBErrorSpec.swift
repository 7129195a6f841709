/// One error of the catalogue (bbb.md §12) resolved for an operation.
struct BBBErrorSpec: Sendable {
    enum Shape: Sendable {
        /// `returncode`, `messageKey`, `message`.
        case single
        /// The errors-list envelope (`nonUniqueVoiceBridge`).
        case list
        /// insertDocument's `returncode`, `message` (no messageKey, bbb.md §11 #12).
        case noMessageKey
    }

    enum JoinDelivery: Sendable {
        case rule
        case alwaysXML
        case alwaysRedirect
    }

    var messageKey: String
    var message: String
    var status: Int = 200
    var shape: Shape = .single
    var join: JoinDelivery = .rule

    var body: String {
        switch shape {
        case .single:
            return BBBResponse.failedEnvelope(messageKey: messageKey, message: message)
        case .list:
            return XMLBuilder.response { xml in
                xml.element("returncode", "FAILED")
                xml.wrap("errors") { errors in
                    errors.wrap("error") { error in
                        error.element("key", messageKey)
                        error.element("message", message)
                    }
                }
            }
        case .noMessageKey:
            return XMLBuilder.response { xml in
                xml.element("returncode", "FAILED")
                xml.element("message", message)
            }
        }
    }
}
