from reconcile_cli.nudge import main

main()
