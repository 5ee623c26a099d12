namespace CertManager.LoadTest.Fleet;

/// <summary>Something did not answer as it should: the run is not a measurement, and the tool exits non-zero.</summary>
internal sealed class LoadTestException(string message) : Exception(message);
