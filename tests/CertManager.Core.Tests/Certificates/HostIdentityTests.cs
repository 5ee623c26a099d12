using CertManager.Core.Certificates;

namespace CertManager.Core.Tests.Certificates;

public sealed class HostIdentityTests
{
    [Fact]
    public void Constructor_ConfiguredNameWithCaseAndTrailingDot_LowerCaseWithoutDot()
    {
        var identity = new HostIdentity(" Console.Example.TEST. ");

        Assert.Equal("console.example.test", identity.FullyQualifiedName);
        Assert.Equal("console", identity.ShortName);
    }

    [Fact]
    public void Constructor_NoConfiguredName_UsesThisMachinesName()
    {
        var identity = new HostIdentity(configuredHostName: null);

        Assert.False(string.IsNullOrWhiteSpace(identity.FullyQualifiedName));
        Assert.StartsWith(identity.ShortName, identity.FullyQualifiedName, StringComparison.Ordinal);
        Assert.Equal(System.Net.Dns.GetHostName().Split('.')[0].ToLowerInvariant(), identity.ShortName);
    }
}
