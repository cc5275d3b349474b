using System;
using System.IO;
using System.Linq;
using System.Threading;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Packages;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.Packages;

public sealed class SafeZipExtractorTests : IDisposable
{
    private const int SymbolicLink = unchecked((int)0xA1FF0000);
    private readonly TempDirectory _dir = new();
    private readonly PackageSettings _settings = new() { MaxExpandedBytes = 1024 * 1024, MaxEntries = 10 };

    public void Dispose() => _dir.Dispose();

    private string Out => _dir.File("out");

    private EscFirmwareException Refused(string zip)
    {
        var error = Assert.Throws<EscFirmwareException>(() => SafeZipExtractor.Extract(zip, Out, _settings, CancellationToken.None));
        Assert.Equal("EscPackageUnsafe", error.ErrorId);
        Assert.Equal(ErrorKind.SecurityError, error.Kind);
        Assert.False(Directory.Exists(Out));
        Assert.Single(Directory.EnumerateFileSystemEntries(_dir.Path));
        return error;
    }

    [Fact]
    public void A_package_is_extracted_into_its_own_folder()
    {
        var zip = _dir.File("p.zip");
        ZipFactory.Write(zip, ("A.HPM", new byte[] { 1, 2, 3 }, 0), ("Image/x.md5", new byte[] { 4 }, 0), ("Image/", Array.Empty<byte>(), 0));

        var files = SafeZipExtractor.Extract(zip, Out, _settings, CancellationToken.None);

        Assert.Equal(new[] { Path.Combine(Out, "A.HPM"), Path.Combine(Out, "Image", "x.md5") }, files);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(files[0]));
    }

    [Theory]
    [InlineData("../evil.hpm", "outside the destination")]
    [InlineData("Image/../../evil.hpm", "outside the destination")]
    [InlineData("..\\evil.hpm", "outside the destination")]
    [InlineData("/etc/evil.hpm", "absolute path")]
    [InlineData("C:/Windows/evil.hpm", "drive letter")]
    [InlineData("C:evil.hpm", "drive letter")]
    public void Entries_that_escape_the_folder_are_refused(string name, string expected)
    {
        var zip = _dir.File("slip.zip");
        ZipFactory.Write(zip, ("good.hpm", new byte[] { 1 }, 0), (name, new byte[] { 2 }, 0));

        Assert.Contains(expected, Refused(zip).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("evil.hpm")));
    }

    [Fact]
    public void A_symbolic_link_entry_is_refused()
    {
        var zip = _dir.File("link.zip");
        ZipFactory.Write(zip, ("image.hpm", "/etc/passwd"u8.ToArray(), SymbolicLink));

        Assert.Contains("symbolic link", Refused(zip).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_declaring_more_than_the_bound_is_refused()
    {
        var zip = _dir.File("bomb.zip");
        ZipFactory.Write(zip, ("zeros.bin", new byte[4 * 1024 * 1024], 0));

        Assert.Contains("expands to more than", Refused(zip).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_that_understates_its_sizes_never_expands_past_the_bound()
    {
        var zip = _dir.File("liar.zip");
        ZipFactory.Write(zip, ("zeros.bin", new byte[4 * 1024 * 1024], 0));
        ZipFactory.UnderstateSizes(zip, 1000);

        // .NET (Core) stops reading at the declared size; .NET Framework does not, and there the byte count refuses it.
        try
        {
            var files = SafeZipExtractor.Extract(zip, Out, _settings, CancellationToken.None);
            Assert.True(new FileInfo(Assert.Single(files)).Length <= _settings.MaxExpandedBytes);
        }
        catch (EscFirmwareException error)
        {
            Assert.Equal("EscPackageUnsafe", error.ErrorId);
            Assert.False(Directory.Exists(Out));
        }
    }

    [Fact]
    public void Too_many_entries_are_refused()
    {
        var zip = _dir.File("many.zip");
        ZipFactory.Write(zip, Enumerable.Range(0, 11).Select(i => ($"f{i}.txt", new byte[] { 1 }, 0)).ToArray());

        Assert.Contains("11 entries", Refused(zip).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_invalid_data()
    {
        var zip = _dir.File("not.zip");
        File.WriteAllText(zip, "<html>captive portal</html>");

        var error = Assert.Throws<EscFirmwareException>(() => SafeZipExtractor.Extract(zip, Out, _settings, CancellationToken.None));

        Assert.Equal("EscPackageNotZip", error.ErrorId);
    }
}
