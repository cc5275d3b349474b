using System;
using System.Text;

namespace EscFirmware.FakeBmc.SupportSite;

/// <summary>
/// The identity block the fake's BIOS images carry right after the AMI component header, as real BIOS capsules carry
/// their BIOS ID: <c>$BIOSID$&lt;version&gt;;&lt;earliest running BIOS&gt;</c>. The component slice the HPM wizard receives has no
/// HPM header, so this is how the fake BMC knows which BIOS it flashes and whether the running one may take it.
/// </summary>
public static class FakeBiosId
{
    private const string Marker = "$BIOSID$";
    public const int Length = 32;

    public static byte[] Bytes(string version, string? earliestCompatible)
    {
        var bytes = new byte[Length];
        Encoding.ASCII.GetBytes(Marker + version + ";" + earliestCompatible).AsSpan().CopyTo(bytes);
        return bytes;
    }

    /// <summary>The version and earliest compatible BIOS from the start of a component; null when it carries no block.</summary>
    public static (string Version, string? EarliestCompatible)? Read(ReadOnlySpan<byte> head)
    {
        var text = Encoding.ASCII.GetString(head);
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var fields = text[(at + Marker.Length)..].Split('\0')[0].Split(';');
        return (fields[0], fields.Length > 1 && fields[1].Length > 0 ? fields[1] : null);
    }
}
