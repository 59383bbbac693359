"""The unattended run (``ipkpi run``): its configuration, the job, its summary and logs."""
