import Testing

// Placeholder until the ProviderVideskTests suite is written.
