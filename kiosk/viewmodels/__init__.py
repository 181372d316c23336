"""kiosk.viewmodels"""
