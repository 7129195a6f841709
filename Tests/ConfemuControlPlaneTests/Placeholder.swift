import Testing

// Placeholder until the ConfemuControlPlaneTests suite is written.
