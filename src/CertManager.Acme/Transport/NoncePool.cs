using System.Collections.Concurrent;

namespace CertManager.Acme.Transport;

/// <summary>
/// Replay nonces (RFC 8555 §7.2, §6.5): every response's <c>Replay-Nonce</c> is kept for the next request to the same
/// CA, so a new one is fetched from <c>newNonce</c> only when none is left. Each nonce is used once.
/// </summary>
internal sealed class NoncePool
{
    private const int MaxPerCa = 16;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _nonces = new(StringComparer.Ordinal);

    public void Add(Uri newNonceUrl, string nonce)
    {
        var queue = _nonces.GetOrAdd(newNonceUrl.AbsoluteUri, _ => new ConcurrentQueue<string>());
        queue.Enqueue(nonce);
        while (queue.Count > MaxPerCa && queue.TryDequeue(out _))
        {
            // Oldest first: the CA may have forgotten them.
        }
    }

    public bool TryTake(Uri newNonceUrl, out string nonce)
    {
        nonce = string.Empty;
        return _nonces.TryGetValue(newNonceUrl.AbsoluteUri, out var queue) && queue.TryDequeue(out nonce!);
    }
}
