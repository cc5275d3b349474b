# Pester 5 tests of Get-EscBmcState and Exit-EscUpdateMode against the BUILT module and 'escfw simulate' recovery scenarios.
BeforeAll {
    $script:Manifest = $env:ESCFW_MODULE_MANIFEST
    $script:RepoRoot = $env:ESCFW_REPO_ROOT
    Import-Module $script:Manifest -Force -ErrorAction Stop

    # Starts one simulated BMC from a scenario file; returns its process, address and password.
    function Start-Simulator([string] $Scenario, [string] $JournalPath) {
        $port = Get-Random -Minimum 20000 -Maximum 40000
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($arg in 'run', '--no-build', '-c', $env:ESCFW_CONFIGURATION, '--project', (Join-Path $script:RepoRoot 'src/EscFirmware.Cli'), '--',
                         'simulate', '--count', '1', '--base-port', "$port", '--scenario', (Join-Path $script:RepoRoot "scenarios/$Scenario.json"), '--journal-path', $JournalPath) {
            $start.ArgumentList.Add($arg)
        }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        $address = $null; $password = $null
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while ((-not $address -or -not $password) -and [DateTime]::UtcNow -lt $deadline) {
            $read = $process.StandardOutput.ReadLineAsync()
            if (-not $read.Wait([TimeSpan]::FromSeconds(5))) { continue }
            $line = $read.Result
            if ($null -eq $line) { break }
            if (-not $address -and $line -match '127\.0\.0\.1:\d+') { $address = $Matches[0] }
            if ($line -match '(?i)password\W+(\S+)') { $password = $Matches[1].Trim("'`"") }
        }
        if (-not $address -or -not $password) { throw "escfw simulate ($Scenario) did not print an address and a password within 90 s" }
        [pscustomobject]@{ Process = $process; Address = $address; Credential = [pscredential]::new('admin', (ConvertTo-SecureString $password -AsPlainText -Force)) }
    }

    $script:Journal = Join-Path $TestDrive 'journal'
    $script:Locked = Start-Simulator 'update-mode-locked-no-session' $script:Journal
    $script:Rescue = Start-Simulator 'update-mode-locked-rescue-session' $script:Journal
}

AfterAll {
    foreach ($sim in $script:Locked, $script:Rescue) {
        if ($sim -and -not $sim.Process.HasExited) { $sim.Process.Kill($true); $sim.Process.WaitForExit(10000) | Out-Null }
    }
    Remove-Module EscFirmware -ErrorAction SilentlyContinue
}

Describe 'Get-EscBmcState and Exit-EscUpdateMode' {
    It 'declares Exit-EscUpdateMode with ShouldProcess and ConfirmImpact High' {
        $command = Get-Command Exit-EscUpdateMode
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'CompleteFlash'
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'says a BMC locked without a session needs an AC drain' {
        $state = Get-EscBmcState $script:Locked.Address -Credential $script:Locked.Credential -SkipCertificateCheck -JournalPath $script:Journal
        $state | Should -BeOfType ([EscFirmware.Core.Recovery.EscBmcState])
        "$($state.State)" | Should -Be 'UpdateModeLocked'
        $state.Recoverable | Should -BeFalse
        $state.Remedy | Should -Match 'PSU power cords'
        ($state.Evidence -join "`n") | Should -Match 'code 1348'
    }

    It 'reports Impossible for that BMC and sends nothing' {
        $result = Exit-EscUpdateMode $script:Locked.Address -Credential $script:Locked.Credential -SkipCertificateCheck -JournalPath $script:Journal -Confirm:$false
        "$($result.Action)" | Should -Be 'Impossible'
        $result.Recovered | Should -BeFalse
    }

    It 'formats the state as a table with the remedy' {
        $text = Get-EscBmcState $script:Locked.Address -Credential $script:Locked.Credential -SkipCertificateCheck -JournalPath $script:Journal | Out-String
        $text | Should -Match 'ComputerName\s+State\s+Recoverable\s+FwUpdateId\s+Remedy'
    }

    It 'recovers a BMC whose killed BIOS update left a live rescue session' {
        $before = Get-EscBmcState $script:Rescue.Address -Credential $script:Rescue.Credential -SkipCertificateCheck -JournalPath $script:Journal
        "$($before.State)" | Should -Be 'UpdateModeLocked'
        $before.Recoverable | Should -BeTrue

        $plan = Exit-EscUpdateMode $script:Rescue.Address -Credential $script:Rescue.Credential -SkipCertificateCheck -JournalPath $script:Journal -WhatIf
        "$($plan.Action)" | Should -Be 'WhatIf'

        $result = $before | Exit-EscUpdateMode -Credential $script:Rescue.Credential -SkipCertificateCheck -JournalPath $script:Journal -Confirm:$false
        "$($result.Action)" | Should -Be 'Exited'
        $result.Recovered | Should -BeTrue
        "$($result.SessionUsed)" | Should -Be 'JournalRescueSession'

        $after = Get-EscBmcState $script:Rescue.Address -Credential $script:Rescue.Credential -SkipCertificateCheck -JournalPath $script:Journal
        "$($after.State)" | Should -Be 'Healthy'
    }
}
