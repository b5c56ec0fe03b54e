from reconcile_cli.cli import main

main()
