using System.Net;
using System.Net.Sockets;
using CertManager.Testing;

namespace CertManager.Web.Tests.Hosting;

/// <summary>A console that cannot start says why and what to do, and exits with 1, rather than aborting with a stack trace.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task Start_HttpsPortAlreadyInUse_ExitsOneNamingThePortAndTheSetting()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupant.Listen();
        var port = ((IPEndPoint)occupant.LocalEndPoint!).Port;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ConsoleProcess.StartAsync(port: port));

        Assert.Contains("The console exited with code 1 during start-up", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"CertManager could not start: Failed to bind to address https://127.0.0.1:{port}: address already in use", failure.Message, StringComparison.Ordinal);
        Assert.Contains("CertManager:Web:HttpsPort", failure.Message, StringComparison.Ordinal);
    }
}
