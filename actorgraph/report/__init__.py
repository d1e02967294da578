"""actorgraph.report"""
