using System.Net.Sockets;

namespace CertManager.Core.Results;

/// <summary>Why an outgoing HTTP connection failed, in plain words, for the protocol clients' "unreachable" problems.</summary>
public static class ConnectionFailureText
{
    public static string Describe(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException is SocketException socket
            ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "the connection was refused (nothing listens on that port).",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => "there is no route to the host.",
                SocketError.TimedOut => "the connection timed out.",
                _ => socket.Message,
            }
            : exception.Message;
    }
}
