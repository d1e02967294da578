"""actorgraph.queries"""
