using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CertManager.Testing;

/// <summary>
/// Finds a free TCP port on 127.0.0.1 for a server a test starts. The port is taken from below the kernel's ephemeral
/// range: a port the kernel hands out (port 0) is released before the server binds it, and meanwhile any outgoing
/// connection on the machine may be given it as its local port, which made servers fail to start with "address
/// already in use" while eight test processes ran at once. Below that range only another server can take it, and the
/// port is drawn at random and never handed out twice by one test process.
/// </summary>
public static class FreePort
{
    private const int Lowest = 10_000;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly int EphemeralStart = ReadEphemeralStart();

    public static int Next()
    {
        if (EphemeralStart - Lowest < 1_000)
        {
            return FromKernel();
        }

        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(Lowest, EphemeralStart);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        return FromKernel();
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FromKernel()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first port of <c>net.ipv4.ip_local_port_range</c> (32768 by default on Linux).</summary>
    private static int ReadEphemeralStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
