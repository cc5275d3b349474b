using System;
using System.Collections.Generic;
using System.Linq;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Upgrades.Paths;
using Xunit;

namespace EscFirmware.Tests.Upgrades.Paths;

public sealed class UpgradePathPlannerTests
{
    private static EscFirmwareRelease Bmc(string version, string? from = null) =>
        new() { Model = "ESC8000-E12P", Component = FirmwareComponent.Bmc, Version = version, MinimumFromVersion = from, MinimumFromVersionSource = from == null ? ConstraintSource.None : ConstraintSource.Catalog };

    private static EscFirmwareRelease Bios(string version, string? from = null, string? bmc = null) =>
        new()
        {
            Model = "ESC8000-E12P", Component = FirmwareComponent.Bios, Version = version,
            MinimumFromVersion = from, MinimumFromVersionSource = from == null ? ConstraintSource.None : ConstraintSource.Catalog,
            MinimumBmcVersion = bmc, MinimumBmcVersionSource = bmc == null ? ConstraintSource.None : ConstraintSource.Catalog,
        };

    private static EscUpgradePath Plan(IReadOnlyList<EscFirmwareRelease> releases, string? bmcFrom = "1.20.0", string? biosFrom = "0401", bool latest = true,
        string? bmcVersion = null, string? biosVersion = null, bool allowDowngrade = false) =>
        UpgradePathPlanner.Plan(new UpgradePathRequest("ESC8000-E12P", releases, "the catalog file 'catalog.json'")
        {
            BmcFrom = bmcFrom, BiosFrom = biosFrom,
            Targets = new UpgradeTargets { Latest = latest, BmcVersion = bmcVersion, BiosVersion = biosVersion, AllowDowngrade = allowDowngrade },
        });

    private static string[] Names(EscUpgradePath path) => path.Steps.Select(s => s.Name).ToArray();

    [Fact]
    public void A_release_that_needs_an_intermediate_is_reached_through_it()
    {
        var path = Plan([Bmc("1.37.1", from: "1.29.1"), Bmc("1.29.1")], biosFrom: null);

        Assert.Equal(["BMC 1.20.0 -> 1.29.1", "BMC 1.29.1 -> 1.37.1"], Names(path));
        Assert.Equal([1, 2], path.Steps.Select(s => s.Index));
        Assert.All(path.Steps, s => Assert.Equal(2, s.Count));
        Assert.Equal("1.37.1", path.BmcTarget);
    }

    [Fact]
    public void The_fewest_steps_win_and_skippable_releases_are_skipped()
    {
        // 1.20 -> 1.25 -> 1.29 -> 1.37 is possible, but 1.29.1 takes 1.20.0 directly.
        var path = Plan([Bmc("1.37.1", from: "1.29.1"), Bmc("1.29.1"), Bmc("1.25.0"), Bmc("1.22.0")], biosFrom: null);

        Assert.Equal(["BMC 1.20.0 -> 1.29.1", "BMC 1.29.1 -> 1.37.1"], Names(path));
    }

    [Fact]
    public void A_chain_of_constraints_is_followed_to_the_end()
    {
        // The rx2600 MP: E.02.10 -> E.02.26 -> E.02.29 -> E.03.13, each needing the one before.
        var path = Plan([Bmc("3.13", from: "2.29"), Bmc("2.29", from: "2.26"), Bmc("2.26")], bmcFrom: "2.10", biosFrom: null);

        Assert.Equal(["BMC 2.10 -> 2.26", "BMC 2.26 -> 2.29", "BMC 2.29 -> 3.13"], Names(path));
    }

    [Fact]
    public void A_missing_intermediate_is_named_with_where_to_get_it()
    {
        var error = Assert.Throws<EscFirmwareException>(() => Plan([Bmc("1.37.1", from: "1.29.1"), Bmc("1.25.0")], biosFrom: null));

        Assert.Equal("EscUpgradePathMissing", error.ErrorId);
        Assert.Contains("from 1.20.0 to 1.37.1", error.Message);
        Assert.Contains("Missing intermediate release: BMC 1.29.1", error.Message);
        Assert.Contains("catalog.json", error.Message);
        Assert.Contains("asus.com/support", error.RecommendedAction);
    }

    [Fact]
    public void The_missing_release_is_the_deepest_one_the_chain_needs()
    {
        // 1.37.1 needs 1.29.1, which is listed but itself needs 1.25.0, which is not.
        var error = Assert.Throws<EscFirmwareException>(() => Plan([Bmc("1.37.1", from: "1.29.1"), Bmc("1.29.1", from: "1.25.0")], biosFrom: null));

        Assert.Contains("1.29.1 can be flashed only over 1.25.0", error.Message);
        Assert.Contains("Missing intermediate release: BMC 1.25.0", error.Message);
    }

    [Fact]
    public void A_named_target_stops_there_and_an_unlisted_one_is_an_error()
    {
        var releases = new[] { Bmc("1.37.1", from: "1.29.1"), Bmc("1.29.1") };

        Assert.Equal(["BMC 1.20.0 -> 1.29.1"], Names(Plan(releases, biosFrom: null, latest: false, bmcVersion: "1.29.1.0")));
        var error = Assert.Throws<EscFirmwareException>(() => Plan(releases, biosFrom: null, latest: false, bmcVersion: "1.33.0"));
        Assert.Equal("EscTargetReleaseNotFound", error.ErrorId);
        Assert.Contains("1.37.1, 1.29.1", error.Message);
    }

    [Fact]
    public void At_target_there_is_nothing_to_do()
    {
        var path = Plan([Bmc("1.37.1", from: "1.29.1"), Bios("0804")], bmcFrom: "1.37.1", biosFrom: "0804");

        Assert.Empty(path.Steps);
        Assert.Equal("already at target", path.Path);
    }

    [Fact]
    public void A_downgrade_needs_AllowDowngrade_and_follows_the_same_constraints()
    {
        var releases = new[] { Bmc("1.37.1"), Bmc("1.29.1", from: "1.25.0"), Bmc("1.20.0", from: "1.29.1") };

        var refused = Assert.Throws<EscFirmwareException>(() => Plan(releases, bmcFrom: "1.37.1", biosFrom: null, latest: false, bmcVersion: "1.20.0"));
        Assert.Equal("EscDowngradeRefused", refused.ErrorId);

        // 1.20.0 may only be flashed over 1.29.1 or later: 1.37.1 qualifies, so one step.
        var path = Plan(releases, bmcFrom: "1.37.1", biosFrom: null, latest: false, bmcVersion: "1.20.0", allowDowngrade: true);
        Assert.Equal(["BMC 1.37.1 -> 1.20.0"], Names(path));
        Assert.True(path.Steps[0].IsDowngrade);
    }

    [Fact]
    public void A_bios_step_comes_right_after_the_bmc_step_it_needs()
    {
        var releases = new[]
        {
            Bmc("1.37.1", from: "1.29.1"), Bmc("1.29.1"),
            Bios("0804", from: "0603", bmc: "1.37.1"), Bios("0603", bmc: "1.29.1"),
        };

        var path = Plan(releases);

        Assert.Equal(["BMC 1.20.0 -> 1.29.1", "BIOS 0401 -> 0603", "BMC 1.29.1 -> 1.37.1", "BIOS 0603 -> 0804"], Names(path));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1.20.0")]
    public void A_bios_step_that_needs_no_more_than_the_running_bmc_comes_after_the_bmc_steps(string? needs)
    {
        var path = Plan([Bmc("1.37.1", from: "1.29.1"), Bmc("1.29.1"), Bios("0804", bmc: needs)]);

        Assert.Equal(["BMC 1.20.0 -> 1.29.1", "BMC 1.29.1 -> 1.37.1", "BIOS 0401 -> 0804"], Names(path));
    }

    [Fact]
    public void A_bios_that_needs_a_bmc_the_plan_does_not_reach_is_refused()
    {
        var error = Assert.Throws<EscFirmwareException>(() => Plan([Bmc("1.29.1"), Bios("0804", bmc: "1.37.1")], latest: false, biosVersion: "0804"));

        Assert.Equal("EscUpgradePathMissing", error.ErrorId);
        Assert.Contains("BIOS 0804 needs BMC 1.37.1 or later", error.Message);
        Assert.Contains("BMC runs 1.20.0", error.Message);
    }

    [Fact]
    public void Unreleased_entries_are_never_a_step()
    {
        var hidden = Bmc("1.29.1");
        hidden.IsRelease = false;

        var error = Assert.Throws<EscFirmwareException>(() => Plan([Bmc("1.37.1", from: "1.29.1"), hidden], biosFrom: null));

        Assert.Contains("Missing intermediate release: BMC 1.29.1", error.Message);
    }

    [Fact]
    public void An_unknown_running_version_plans_nothing()
    {
        var error = Assert.Throws<EscFirmwareException>(() => Plan([Bios("0804")], bmcFrom: null, biosFrom: ""));

        Assert.Equal("EscVersionUnknown", error.ErrorId);
    }
}
