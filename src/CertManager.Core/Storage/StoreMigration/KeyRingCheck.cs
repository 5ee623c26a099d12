using System.Security.Cryptography;
using System.Xml.Linq;
using CertManager.Core.Storage.Providers;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage.StoreMigration;

/// <summary>Decrypts every data-protection key stored in a database with the master key, as a node does to accept a cookie.</summary>
internal static class KeyRingCheck
{
    /// <summary>How many keys decrypted; throws <see cref="CryptographicException"/> or <see cref="InvalidDataException"/> on the first that does not.</summary>
    public static int DecryptAll(IDatabaseEngine engine, KeyProtector keyProtector)
    {
        using var context = engine.CreateContext();
        var checkedKeys = 0;
        foreach (var key in context.DataProtectionKeys.AsNoTracking().ToList())
        {
            var value = XElement.Parse(key.Xml ?? string.Empty).Descendants("encryptedKey").Elements("value").FirstOrDefault()?.Value
                ?? throw new InvalidDataException($"the data-protection key {key.FriendlyName} is not encrypted with the master key");
            CryptographicOperations.ZeroMemory(keyProtector.Unprotect(Convert.FromBase64String(value), KeyProtector.DataProtectionPurpose));
            checkedKeys++;
        }

        return checkedKeys;
    }
}
