using System.Security.Cryptography;

namespace CertManager.Core.Tests.Chain;

/// <summary>RSA keys for the path tests, generated once per test class: CAs that share a key share it from here.</summary>
public sealed class PathKeys : IDisposable
{
    private readonly RSA[] _keys = Enumerable.Range(0, 6).Select(_ => RSA.Create(2048)).ToArray();

    public RSA this[int index] => _keys[index];

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }
}
