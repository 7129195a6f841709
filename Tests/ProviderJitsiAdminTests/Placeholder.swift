import Testing

// Placeholder until the ProviderJitsiAdminTests suite is written.
