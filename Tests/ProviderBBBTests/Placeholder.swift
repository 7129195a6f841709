import Testing

// Placeholder until the ProviderBBBTests suite is written.
